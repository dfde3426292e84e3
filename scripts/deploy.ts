/**
 * npm run deploy [-- --deployment DEPLOYMENT_ID] [--description TEXT] [--with bigquery,email-service]
 *
 * From a fresh clone: checks clasp is logged in, creates your Apps Script project the first time
 * (writing its scriptId into .clasp.json), lints, type-checks and builds, pushes exactly build/, makes
 * an immutable version and a versioned deployment (or moves an existing deployment to it, so a
 * Marketplace listing that names that deployment picks the new version up). Prints what to do next.
 * `--with` deploys the opt-in manifest (scripts/lib/manifest-opt-ins.ts): keep it a separate
 * deployment (its own --deployment ID) for the team that turned BigQuery or the email service on.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  needsNewProject,
  parseDeploymentId,
  parseLoggedIn,
  parseScriptId,
  parseVersionNumber,
  readClaspProject,
  webAppUrl,
  withScriptId,
} from './lib/deploy-steps';
import { parseOptIns } from './lib/manifest-opt-ins';

const ROOT = path.resolve(__dirname, '..');
const CLASP = path.join(ROOT, 'node_modules', '.bin', 'clasp');

function run(cmd: string, args: string[], cwd = ROOT): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] });
}

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  // Checked before anything runs, so a typo never deploys the default manifest instead.
  const optIns = parseOptIns(flag('with'));
  step('Checking that clasp is logged in');
  if (!parseLoggedIn(run(CLASP, ['--json', 'show-authorized-user']))) {
    console.error(
      [
        'clasp is not logged in to a Google account. Do this once:',
        '  1. Turn on the Apps Script API for your account: https://script.google.com/home/usersettings',
        '  2. npx clasp login        (opens a browser; on a machine without one: npx clasp login --no-localhost)',
        'then run npm run deploy again.',
      ].join('\n'),
    );
    return 2;
  }

  const projectFile = path.join(ROOT, '.clasp.json');
  let project = readClaspProject(fs.readFileSync(projectFile, 'utf8'));
  if (needsNewProject(project)) {
    step('Creating your Apps Script project "ChurnGuard" (first deploy only)');
    // clasp refuses to create a project where a .clasp.json exists, so it runs in an empty folder.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-create-'));
    const scriptId = parseScriptId(
      run(CLASP, ['--json', 'create-script', '--type', 'standalone', '--title', 'ChurnGuard'], scratch),
    );
    fs.rmSync(scratch, { recursive: true, force: true });
    project = withScriptId(project, scriptId);
    fs.writeFileSync(projectFile, `${JSON.stringify(project, null, 2)}\n`);
    console.log(
      `  scriptId ${scriptId} written to .clasp.json (commit it so your team deploys the same project).`,
    );
  }

  step('Lint, type-check and build');
  run('npm', ['run', '--silent', 'lint']);
  run('npm', ['run', '--silent', 'typecheck']);
  console.log(
    run('npm', [
      'run',
      '--silent',
      'build',
      ...(optIns.length ? ['--', '--with', optIns.join(',')] : []),
    ]).trim(),
  );

  step('Pushing build/Code.js and build/appsscript.json');
  run(CLASP, ['push', '--force']);

  const description = flag('description') ?? `ChurnGuard ${new Date().toISOString().slice(0, 16)}Z`;
  step('Creating an immutable version');
  const version = parseVersionNumber(run(CLASP, ['--json', 'create-version', description]));
  console.log(`  version ${version}`);

  const existing = flag('deployment') ?? process.env.CHURNGUARD_DEPLOYMENT_ID;
  step(
    existing
      ? `Moving deployment ${existing} to version ${version}`
      : `Creating a deployment of version ${version}`,
  );
  const deploymentId = parseDeploymentId(
    run(CLASP, [
      '--json',
      ...(existing
        ? ['update-deployment', existing, '--versionNumber', String(version), '--description', description]
        : ['create-deployment', '--versionNumber', String(version), '--description', description]),
    ]),
  );
  console.log(
    [
      `\nDeployed ${deploymentId} @${version}${optIns.length ? ` with ${optIns.join(', ')}` : ''}.`,
      'Next (README, "Deploy"): install it for yourself from the Apps Script editor (Deploy → Test deployments),',
      'or give this deployment ID to the Google Workspace Marketplace SDK for a domain-wide install.',
      `Next time, keep the ID: npm run deploy -- --deployment ${deploymentId}`,
      '',
      `Unsubscribe web app (the same deployment, manifest "webapp"): ${webAppUrl(deploymentId)}`,
      'Open it once, signed in as yourself, and allow access: it runs as you for customers who click',
      'the unsubscribe link in a campaign email (README, "Unsubscribe links").',
    ].join('\n'),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`Deploy stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
