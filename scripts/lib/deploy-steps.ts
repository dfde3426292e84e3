/**
 * The pure half of `npm run deploy`: reading clasp's JSON answers and the project file, and deciding
 * the next step. scripts/deploy.ts runs clasp; this decides, so it is tested without a Google login.
 */
import { z } from 'zod';

/** The scriptId committed in .clasp.json: every team creates its own Apps Script project. */
export const PLACEHOLDER_SCRIPT_ID = 'REPLACE_WITH_YOUR_SCRIPT_ID';

const ClaspProject = z.object({
  scriptId: z.string().min(1),
  rootDir: z.string().optional(),
  fileExtension: z.string().optional(),
});
export type ClaspProject = z.infer<typeof ClaspProject>;

/** .clasp.json, checked: pushes must come from build/, the only folder the bundle is written to. */
export function readClaspProject(text: string): ClaspProject {
  const parsed = ClaspProject.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`.clasp.json: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.rootDir !== 'build')
    throw new Error(`.clasp.json: "rootDir" must be "build" (it is ${JSON.stringify(parsed.data.rootDir)}).`);
  return parsed.data;
}

export function needsNewProject(project: ClaspProject): boolean {
  return project.scriptId === PLACEHOLDER_SCRIPT_ID;
}

/** The first JSON object in clasp's output (spinners may print before it). */
function jsonIn(output: string, what: string): Record<string, unknown> {
  const start = output.indexOf('{');
  const end = output.lastIndexOf('}');
  if (start < 0 || end < start)
    throw new Error(`clasp gave no JSON for ${what}: ${output.trim().slice(0, 200)}`);
  return JSON.parse(output.slice(start, end + 1)) as Record<string, unknown>;
}

export function parseLoggedIn(output: string): boolean {
  return jsonIn(output, 'show-authorized-user').loggedIn === true;
}

export function parseScriptId(output: string): string {
  const id = jsonIn(output, 'create-script').scriptId;
  if (typeof id !== 'string' || id.length < 10)
    throw new Error(`clasp create-script returned no scriptId: ${output}`);
  return id;
}

export function parseVersionNumber(output: string): number {
  const n = jsonIn(output, 'create-version').versionNumber;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new Error(`clasp create-version returned no version number: ${output}`);
  return n;
}

export function parseDeploymentId(output: string): string {
  const id = jsonIn(output, 'create-deployment').deploymentId;
  if (typeof id !== 'string' || id.length < 10) throw new Error(`clasp returned no deploymentId: ${output}`);
  return id;
}

/** The project file after `clasp create-script`: its new scriptId, and our rootDir kept. */
export function withScriptId(project: ClaspProject, scriptId: string): ClaspProject {
  return { ...project, scriptId, rootDir: 'build' };
}

/**
 * The web app URL of a deployment whose manifest has a `webapp` section: the deployment carries a
 * web app entry point beside the add-on one (projects.deployments: entryPoints[]), served at
 * /macros/s/<deployment id>/exec. Campaign emails' unsubscribe links point there.
 */
export function webAppUrl(deploymentId: string): string {
  if (!/^[\w-]{10,}$/.test(deploymentId)) throw new Error(`not a deployment ID: ${deploymentId}`);
  return `https://script.google.com/macros/s/${deploymentId}/exec`;
}
