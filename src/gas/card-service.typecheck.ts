/**
 * Type-only proof that Apps Script's real CardService fits the subset the adapter is written against
 * (CardServiceLike in ./card-service.ts). `tsc --noEmit -p tsconfig.json` fails here, naming the
 * member that differs, if either side drifts. Nothing in this file exists at run time.
 */
import type { CardServiceLike, GmailDraftLike } from './card-service';

type Fits<Actual extends Expected, Expected> = Actual;

export type RealCardServiceFits = Fits<GoogleAppsScript.Card_Service.CardService, CardServiceLike>;
export type RealGmailDraftFits = Fits<GoogleAppsScript.Gmail.GmailDraft, GmailDraftLike>;
