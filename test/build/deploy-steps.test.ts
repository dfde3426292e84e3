import * as fs from 'node:fs';
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
} from '../../scripts/lib/deploy-steps';

describe('npm run deploy: the decisions, without a Google login', () => {
  it('the committed .clasp.json pushes from build/ and asks for a new project on first deploy', () => {
    const project = readClaspProject(fs.readFileSync(path.resolve(__dirname, '../../.clasp.json'), 'utf8'));
    expect(project.rootDir).toBe('build');
    expect(needsNewProject(project)).toBe(true);
    const mine = withScriptId(project, '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
    expect(needsNewProject(mine)).toBe(false);
    expect(mine.rootDir).toBe('build');
  });

  it('refuses a project file that would push the repository root', () => {
    expect(() => readClaspProject('{"scriptId":"x","rootDir":"."}')).toThrow(/rootDir" must be "build"/);
  });

  it("reads clasp's --json answers, spinner text before them included", () => {
    expect(parseLoggedIn('{\n  "loggedIn": false\n}')).toBe(false);
    expect(parseLoggedIn('⠋ Checking…\n{"loggedIn": true, "email": "a@b.example"}')).toBe(true);
    expect(parseScriptId('{"scriptId":"1AbCdEfGhIjKlMnOp","files":[]}')).toBe('1AbCdEfGhIjKlMnOp');
    expect(parseVersionNumber('Creating a new version...\n{"versionNumber": 7}')).toBe(7);
    expect(parseDeploymentId('{"deploymentId":"AKfycbx123456789","versionNumber":7}')).toBe('AKfycbx123456789');
  });

  it('stops with the output when clasp answers something else', () => {
    expect(() => parseVersionNumber('Error: Apps Script API has not been used')).toThrow(/no JSON/);
    expect(() => parseVersionNumber('{"versionNumber": 0}')).toThrow(/no version number/);
  });

  it('names the web app URL of the deployment the unsubscribe links point at', () => {
    expect(webAppUrl('AKfycbx_ABC-123def')).toBe('https://script.google.com/macros/s/AKfycbx_ABC-123def/exec');
    expect(() => webAppUrl('../x')).toThrow(/not a deployment ID/);
  });
});
