import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestFunctionNames, missingFunctions, parseManifest } from '../../scripts/lib/manifest-schema';
import { bundle } from '../../scripts/lib/bundle';

const ROOT = path.resolve(__dirname, '../..');
const manifest = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8'));

describe('appsscript.json', () => {
  it('is a valid Gmail Workspace add-on manifest', () => {
    const m = parseManifest(manifest());
    expect(manifestFunctionNames(m).sort()).toEqual(['doGet', 'onGmailCompose', 'onGmailMessage', 'onHelp', 'onHomepage', 'onSettings']);
  });

  it('deploys the unsubscribe web app for customers who are not signed in, run as the deployer', () => {
    // Customers clicking a link have no Google sign-in (ANYONE_ANONYMOUS), and a web app run as the
    // visitor would ask them for the project's scopes: it must run as the deploying account.
    expect(parseManifest(manifest()).webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  });

  it('asks for no restricted Gmail scope', () => {
    const m = manifest() as { oauthScopes: string[] };
    m.oauthScopes.push('https://www.googleapis.com/auth/gmail.readonly');
    expect(() => parseManifest(m)).toThrow(/oauthScopes\.\d+: restricted Gmail scope/);
  });

  it('justifies every scope in the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const scopes = (manifest() as { oauthScopes: string[] }).oauthScopes;
    const section = readme.split(/^## /m).find((s) => s.startsWith('OAuth scopes')) ?? '';
    for (const scope of scopes) expect(section).toContain(scope);
  });

  it.each([
    ['runtimeVersion', (m: any) => (m.runtimeVersion = 'STABLE'), /runtimeVersion/],
    ['function names', (m: any) => (m.addOns.common.homepageTrigger.runFunction = 'on-homepage'), /must be a JavaScript function name/],
    ['contextual trigger', (m: any) => (m.addOns.gmail.contextualTriggers = []), /contextualTriggers/],
    ['metadata scope', (m: any) => (m.oauthScopes = m.oauthScopes.filter((s: string) => !s.endsWith('message.metadata'))), /draftAccess METADATA requires it/],
    ['unknown keys', (m: any) => (m.addOns.common.homepage = {}), /Unrecognized key/],
    ['web app access', (m: any) => (m.webapp.access = 'EVERYONE'), /webapp\.access/],
    ['web app identity', (m: any) => (m.webapp.executeAs = 'OWNER'), /webapp\.executeAs/],
    ['logo over http', (m: any) => (m.addOns.common.logoUrl = 'http://example.com/logo.png'), /logoUrl/],
  ])('rejects a broken %s', (_name, breakIt, why) => {
    const m = manifest();
    breakIt(m);
    expect(() => parseManifest(m)).toThrow(why);
  });
});

describe('the bundle and the manifest', () => {
  it('declares a top-level function for every export of src/index.ts, and the build catches a missing one', async () => {
    const { globals, code } = await bundle(path.join(ROOT, 'src/index.ts'));
    const m = parseManifest(manifest());
    expect(missingFunctions(m, globals)).toEqual([]);
    for (const name of globals) expect(code).toContain(`function ${name}(e) {`);
    // A manifest naming a function the entry does not export is caught before anything is written.
    (m.addOns.common.universalActions ?? []).push({ label: 'Reports', runFunction: 'onReports' });
    expect(missingFunctions(m, globals)).toEqual(['onReports']);
    // A whole minified bundle takes a few seconds on a busy machine: not a timing assertion.
  }, 60_000);
});
