/** Retention email templates and the mail merge. */
export {
  FORMATTERS,
  parseParts,
  PlaceholderError,
  type Formatter,
  type Part,
  type Placeholder,
} from './placeholders';
export { formatValue, type FormatContext } from './format';
export { escapeHtml, renderBody } from './markdown';
export { BUILT_IN_FIELDS, resolveField, type FieldContext } from './fields';
export {
  checkAudience,
  checkTemplate,
  cleanSubject,
  mergeTemplate,
  teamMergeContext,
  type MergeContext,
  type MergedEmail,
  type MergeResult,
  type Template,
} from './merge';
export {
  DEFAULT_TEMPLATES,
  describeBroken,
  findTemplate,
  readTemplates,
  TEMPLATES_TAB,
  TEMPLATE_HEADERS,
  type BrokenTemplate,
  type TemplatesRead,
} from './templates-tab';
