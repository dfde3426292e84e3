/**
 * One campaign's language choice per recipient, loaded once per run: the team's default language and
 * what the sidebar learned (one property read). Used at audience time (the choice is written to the
 * Campaigns tab's Language column), by the preview, and by the composer for a row written without a
 * Language (an older tab).
 */
import type { Customer } from '../../core/customers/customer';
import type { LanguageCode } from '../../core/templates/languages';
import type { Template } from '../../core/templates/merge';
import { chooseVariant, customerLanguage, type VariantChoice } from '../../core/templates/variants';
import type { AppContext } from '../context';
import { learnedLanguages } from '../learned-languages';

/**
 * The customer's variant of `template`: the campaign's, or the alternative a guard rail gave them
 * (whose variants are chosen the same way).
 */
export type VariantPicker = (customer: Customer, template: Template) => VariantChoice;

export function variantPicker(
  ctx: AppContext,
  spreadsheetId: string,
  defaultLanguage: LanguageCode,
): VariantPicker {
  const learned = learnedLanguages(ctx.userStore, spreadsheetId);
  return (customer, template) =>
    chooseVariant(template, customerLanguage(customer, learned).language, defaultLanguage);
}
