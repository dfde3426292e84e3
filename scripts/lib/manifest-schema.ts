/**
 * Our own zod schema of appsscript.json for a Gmail Workspace add-on. The public SchemaStore
 * schema predates Workspace add-ons (it describes the deprecated `gmail` top-level block), so it
 * would accept a manifest Google rejects and reject the one Google wants.
 * Reference: https://developers.google.com/apps-script/manifest and .../manifest/addons, .../manifest/gmail
 */
import { z } from 'zod';

/** Apps Script function names: identifiers the bundle declares at top level. */
const functionName = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be a JavaScript function name');
const httpsUrl = z.url({ protocol: /^https$/ });

export const RESTRICTED_GMAIL_SCOPES = [
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.compose',
  'https://www.googleapis.com/auth/gmail.metadata',
  'https://www.googleapis.com/auth/gmail.insert',
  'https://www.googleapis.com/auth/gmail.settings.basic',
  'https://www.googleapis.com/auth/gmail.settings.sharing',
] as const;

const scope = z
  .string()
  .startsWith('https://')
  .refine((s) => !(RESTRICTED_GMAIL_SCOPES as readonly string[]).includes(s), {
    message: 'restricted Gmail scope: ChurnGuard must work without it (see README, "OAuth scopes")',
  });

const universalAction = z
  .object({
    label: z.string().min(1),
    runFunction: functionName.optional(),
    openLink: httpsUrl.optional(),
  })
  .strict()
  .refine((a) => Boolean(a.runFunction) !== Boolean(a.openLink), {
    message: 'a universal action has exactly one of runFunction or openLink',
  });

export const ManifestSchema = z
  .object({
    timeZone: z.string().min(1),
    runtimeVersion: z.literal('V8'),
    exceptionLogging: z.enum(['NONE', 'STACKDRIVER']).optional(),
    /** developers.google.com/apps-script/manifest/dependencies: advanced services the script uses. */
    dependencies: z
      .object({
        enabledAdvancedServices: z
          .array(
            z
              .object({
                /** The global the script calls it by (`BigQuery`). */
                userSymbol: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be a JavaScript identifier'),
                serviceId: z.string().min(1),
                version: z.string().regex(/^v\d/, 'must be an API version such as v2'),
              })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .optional(),
    oauthScopes: z
      .array(scope)
      .min(1)
      .refine((s) => new Set(s).size === s.length, { message: 'duplicate scope' }),
    /**
     * Fetch allowlist: each prefix https, a full domain and a non-empty path ("https://www.google.com/"
     * is valid, "https://www.google.com" is not; developers.google.com/apps-script/manifest/allowlist-url).
     */
    urlFetchWhitelist: z
      .array(httpsUrl.regex(/^https:\/\/[^/]+\/.*$/, 'a URL prefix needs a path, at least "/"'))
      .min(1)
      .optional(),
    /**
     * Used only when the project is deployed as a web app (developers.google.com/apps-script/manifest/
     * web-app-api-executable): who may run it and as whom.
     */
    webapp: z
      .object({
        access: z.enum(['MYSELF', 'DOMAIN', 'ANYONE', 'ANYONE_ANONYMOUS']),
        executeAs: z.enum(['USER_ACCESSING', 'USER_DEPLOYING']),
      })
      .strict()
      .optional(),
    addOns: z
      .object({
        common: z
          .object({
            name: z.string().min(1),
            logoUrl: httpsUrl,
            layoutProperties: z
              .object({
                primaryColor: z
                  .string()
                  .regex(/^#[0-9a-fA-F]{6}$/)
                  .optional(),
                secondaryColor: z
                  .string()
                  .regex(/^#[0-9a-fA-F]{6}$/)
                  .optional(),
              })
              .strict()
              .optional(),
            homepageTrigger: z
              .object({ runFunction: functionName, enabled: z.boolean().optional() })
              .strict()
              .optional(),
            universalActions: z.array(universalAction).optional(),
            openLinkUrlPrefixes: z.array(httpsUrl).optional(),
            useLocaleFromApp: z.boolean().optional(),
          })
          .strict(),
        gmail: z
          .object({
            homepageTrigger: z
              .object({ runFunction: functionName, enabled: z.boolean().optional() })
              .strict()
              .optional(),
            contextualTriggers: z
              .array(
                z
                  .object({
                    // Gmail supports only the unconditional criterion.
                    unconditional: z.object({}).strict(),
                    onTriggerFunction: functionName,
                  })
                  .strict(),
              )
              .min(1),
            composeTrigger: z
              .object({
                // Gmail allows a single compose action per add-on.
                selectActions: z
                  .array(z.object({ text: z.string().min(1), runFunction: functionName }).strict())
                  .length(1),
                draftAccess: z.enum(['NONE', 'METADATA']).optional(),
              })
              .strict()
              .optional(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const scopes = new Set(m.oauthScopes);
    const need = (s: string, why: string) => {
      if (!scopes.has(s))
        ctx.addIssue({ code: 'custom', path: ['oauthScopes'], message: `missing ${s}: ${why}` });
    };
    need('https://www.googleapis.com/auth/gmail.addons.execute', 'every Gmail add-on needs it to run');
    // An advanced service is called with the user's grant of its API's scope.
    if (m.dependencies?.enabledAdvancedServices?.some((s) => s.serviceId === 'bigquery'))
      need('https://www.googleapis.com/auth/bigquery', 'the BigQuery advanced service runs queries with it');
    // UrlFetchApp needs the scope, and a versioned deployment that fetches needs the allowlist.
    const fetches = scopes.has('https://www.googleapis.com/auth/script.external_request');
    if (fetches !== Boolean(m.urlFetchWhitelist))
      ctx.addIssue({
        code: 'custom',
        path: ['urlFetchWhitelist'],
        message: fetches
          ? 'script.external_request needs a urlFetchWhitelist: a versioned deployment that fetches must list its URLs'
          : 'a urlFetchWhitelist without the script.external_request scope: nothing may fetch',
      });
    if (m.addOns.gmail.composeTrigger?.draftAccess === 'METADATA') {
      need(
        'https://www.googleapis.com/auth/gmail.addons.current.message.metadata',
        'composeTrigger.draftAccess METADATA requires it',
      );
    }
  });

export type Manifest = z.infer<typeof ManifestSchema>;

/** Every Apps Script function the manifest names; each must be a top-level function in the bundle. */
export function manifestFunctionNames(m: Manifest): string[] {
  const names = [
    m.addOns.common.homepageTrigger?.runFunction,
    ...(m.addOns.common.universalActions ?? []).map((a) => a.runFunction),
    m.addOns.gmail.homepageTrigger?.runFunction,
    ...m.addOns.gmail.contextualTriggers.map((t) => t.onTriggerFunction),
    ...(m.addOns.gmail.composeTrigger?.selectActions ?? []).map((a) => a.runFunction),
    // A web app runs doGet(e) for a GET ("Requirements for web apps", the Web Apps guide).
    m.webapp ? 'doGet' : undefined,
  ];
  return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
}

/** Parses a manifest and turns zod's issues into one readable error. */
export function parseManifest(json: unknown, source = 'appsscript.json'): Manifest {
  const result = ManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${source}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Invalid manifest:\n${lines.join('\n')}`);
}

/** Manifest functions the bundle does not declare; the build refuses to write a bundle with any. */
export function missingFunctions(m: Manifest, declared: readonly string[]): string[] {
  return manifestFunctionNames(m).filter((n) => !declared.includes(n));
}
