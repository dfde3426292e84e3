/**
 * HtmlService, the part a web app's doGet uses: createHtmlOutput(html) and the page's title and meta
 * tags. The content is kept as given (Apps Script serves it inside its own sandboxed frame); the
 * workbench serves getContent() with the title and meta tags added, as the real page shows them.
 */
import type { HtmlOutputLike, HtmlServiceLike } from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import type { ServiceEnv } from './world';

export class HtmlOutputStandin implements HtmlOutputLike {
  private title = '';
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly env: ServiceEnv,
    private readonly content: string,
  ) {}

  setTitle(title: string): HtmlOutputStandin {
    this.env.builder('HtmlOutput.setTitle');
    if (typeof title !== 'string')
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([title]), 'HtmlOutput.setTitle'));
    this.title = title;
    return this;
  }

  getTitle(): string {
    this.env.builder('HtmlOutput.getTitle');
    return this.title;
  }

  getContent(): string {
    this.env.builder('HtmlOutput.getContent');
    return this.content;
  }

  /**
   * "Adds a meta tag to the page … only the viewport, apple-mobile-web-app-capable and
   * mobile-web-app-capable tags are allowed" (HtmlOutput.addMetaTag reference); others throw.
   */
  addMetaTag(name: string, content: string): HtmlOutputStandin {
    this.env.builder('HtmlOutput.addMetaTag');
    if (!['viewport', 'apple-mobile-web-app-capable', 'mobile-web-app-capable'].includes(name))
      throw new AppsScriptError(`Meta tag ${String(name)} is not allowed.`);
    this.metaTags.push({ name, content: String(content) });
    return this;
  }
}

export class HtmlServiceStandin implements HtmlServiceLike {
  constructor(private readonly env: ServiceEnv) {}

  createHtmlOutput(html: string): HtmlOutputStandin {
    this.env.builder('HtmlService.createHtmlOutput');
    if (typeof html !== 'string')
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([html]), 'HtmlService.createHtmlOutput'));
    return new HtmlOutputStandin(this.env, html);
  }
}
