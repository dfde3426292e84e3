/**
 * npm run bench: every benchmark, printed as figures and ratios. Performance targets live here,
 * not in timed tests (tests assert behaviour; a slow CI machine must not fail them).
 * Run one group with `npm run bench -- <group>`.
 */
import {
  bundleBench,
  bundleCompositionBench,
  emailOpenBench,
  firstCardBench,
  intentTableBench,
} from './bundle.bench';
import { backgroundBench, benchSizes, cardActionsBench } from './card-actions.bench';
import { alertsBench, archiveBench } from './alerts.bench';
import { printTable } from './stats';
import { fitBench, scoringBench, telcoBench } from './risk.bench';
import { homepageBench, rescoreBench, sidebarBench } from './sidebar.bench';
import { intentBench } from './intent.bench';
import { intentQualityBench } from './intent-quality.bench';
import { intentLearnedBench } from './intent-learned.bench';
import { campaignEndToEndBench, campaignRunBench } from './campaign.bench';
import { campaignLogBench } from './campaign-log.bench';
import { senderBench } from './sender.bench';
import { batchedSendBench } from './sender-batch.bench';
import { segmentsBench } from './segments.bench';
import { warehouseBench } from './warehouse.bench';
import { warehouseChangesBench } from './warehouse-changes.bench';
import { warehouseCardBench } from './warehouse-card.bench';
import { warehouseScanBench } from './warehouse-scan.bench';
import { sourceSyncBench } from './source-sync.bench';
import { warehouseCardsBench } from './warehouse-cards.bench';
import { warehouseCampaignBench } from './warehouse-campaign.bench';
import { warehouseOutcomesBench } from './warehouse-outcomes.bench';
import { sourceRefreshBench } from './source-refresh.bench';
import { warehouseDailyScanBench } from './warehouse-daily-scan.bench';
import { warehouseHomeBench } from './warehouse-home.bench';
import { scanBench } from './scan.bench';
import { portfolioBench } from './portfolio.bench';
import { fitSizeBench, generatedLearnersBench, learnRunBench, telcoLearnersBench } from './learners.bench';

type Group = { name: string; run: () => Promise<void> | void };

const groups: Group[] = [
  {
    // Issue 16: the portfolio snapshot's card paths and its chunked job in the background.
    name: 'portfolio',
    run: () => {
      const r = portfolioBench();
      printTable(
        'Portfolio cards and jobs, 24 columns (modelled service time + JS time; target 10 s)',
        r.rows,
      );
      printTable(
        'Rescore and scan in the background: hourly trigger runs until the job is done',
        r.background,
      );
    },
  },
  {
    // Issue 16, bounded tabs: the Alerts card paths with few and with 100,000 closed alerts, and the archive.
    name: 'alerts',
    run: () => {
      printTable(
        'Alerts card paths on the 24-column sample: the alert part alone, and the whole action through Code.js',
        alertsBench(),
      );
      printTable('Archiving 100,000 closed alerts: hourly trigger runs until done', archiveBench());
    },
  },
  {
    // Issue 16: every card action on the sample's 24 columns at 1k/10k/100k, then background runs.
    name: 'cards',
    run: () => {
      const r = cardActionsBench();
      printTable(
        'Card actions on the 24-column sample grown to N customers (modelled service time + JS time; target 10 s)',
        r.rows,
      );
      printTable('Flat in N? largest / smallest size, per action (1.00x = flat)', r.flatness);
      printTable(
        'Background at the largest size: one card click, then hourly triggers (6 min each) until a run finds nothing to do',
        backgroundBench(),
      );
      printTable(
        'Campaigns tab on card paths and a send run: a sending ~1,500-recipient campaign, with 0 or 200,000 rows of other campaigns',
        campaignLogBench(),
      );
    },
  },
  {
    name: 'bundle',
    run: async () => {
      const r = bundleBench();
      printTable('Bundle: build/Code.js size and cold load in a fresh VM context (median of runs)', [r]);
      const composition = await bundleCompositionBench();
      printTable('What the bundle is made of: minified bytes by package or src/ folder', composition.groups);
      printTable('… and by file', composition.files);
      printTable(
        'Intent rules, packed: what the first email read of an execution pays to unpack them (fresh context per run)',
        [intentTableBench()],
      );
      printTable(
        'Sidebar open on an email that says "cancel" (first email read of an execution: the call alone)',
        [emailOpenBench()],
      );
      printTable('First card: load Code.js + onHomepage on the stand-ins (no sheet connected)', [
        firstCardBench(),
      ]);
    },
  },
  {
    name: 'sidebar',
    run: () => {
      const r = sidebarBench();
      printTable(
        'Sidebar open (onGmailMessage, known customer) by sheet size: service calls, cells read, modelled Apps Script time',
        r.rows,
      );
      console.log(
        `warm calls 100k/1k: ${r.ratio100kTo1kCalls}x, warm cells 100k/1k: ${r.ratio100kTo1kCells}x (1.00x = flat)`,
      );
      printTable('Score all customers (onCardAction rescoreAll): one read, one write', rescoreBench());
      printTable(
        'Homepage with the portfolio (onHomepage): one read, every customer scored',
        homepageBench(),
      );
    },
  },
  {
    name: 'risk',
    run: () => {
      printTable('Scorecard: scoring generated customers (median of runs)', [scoringBench()]);
      printTable('Logistic regression fit (Newton/IRLS, L2)', [fitBench()]);
      printTable('Churn intent detection (5 languages, all patterns)', intentBench());
      const telco = telcoBench();
      if (telco)
        printTable(
          'Learned model on ../shared/data/telco-customer-churn.csv vs scikit-learn (AUC 0.845)',
          telco,
        );
      else console.log('(Telco data set not found beside the repository; skipped)');
    },
  },
  {
    name: 'intent',
    run: () => {
      printTable(
        'Churn intent on the labelled corpus, test split (never tuned on)',
        intentQualityBench('test'),
      );
      printTable(
        'Churn intent on the labelled corpus, development split (tuned on)',
        intentQualityBench('dev'),
      );
      printTable('Churn intent detection time (5 languages, all patterns)', intentBench());
    },
  },
  {
    // About a minute: trains 6 × 8 small models. Alone: `npm run bench -- intent-learned`.
    name: 'intent-learned',
    run: () => {
      const r = intentLearnedBench();
      printTable(
        `A learned component for churn intent: char n-gram logistic regression (would add ${r.bundleBytes} bytes of weights)`,
        r.rows,
      );
    },
  },
  {
    name: 'learners',
    run: () => {
      const telco = telcoLearnersBench();
      if (telco) printTable('Telco: 5-fold CV ROC AUC of each learner beside baselines', telco);
      else console.log('(Telco data set not found beside the repository; skipped)');
      printTable(
        'Generated sheets: 5-fold CV AUC per learner vs the oracle (true probabilities); the chosen learner on a held-out sheet',
        generatedLearnersBench(),
      );
      printTable('Fit time and stored size on the messy SaaS sheet', fitSizeBench());
      printTable('A whole "Learn from history" run (what the hourly trigger does)', learnRunBench());
    },
  },
  {
    name: 'segments',
    run: () =>
      printTable(
        'Segments: default impact rules + every default segment query, by customer count (median of runs)',
        segmentsBench(),
      ),
  },
  {
    // Issue 21: the BigQuery store's figures on a generated 10k/100k/1M table in DuckDB.
    name: 'warehouse',
    run: async () => {
      const sizes = benchSizes([10_000, 100_000, 1_000_000]);
      printTable(
        'Warehouse store (BigQuery stand-in on DuckDB): per action, wall ms, service calls, bytes returned',
        await warehouseBench(sizes),
      );
      printTable(
        'Warehouse cards (build/Code.js, Settings on BigQuery): calls, BigQuery bytes, modelled + wall ms vs 10 s',
        await warehouseCardsBench(sizes),
      );
    },
  },
  {
    // Issue 21: a ~20,000-recipient win-back on a warehouse segment (10k/100k; 1M with CHURNGUARD_BENCH_SIZES).
    name: 'warehouse-campaign',
    run: async () => {
      printTable(
        'Warehouse campaign (build/Code.js with BigQuery + email service): card actions vs 10 s, hourly runs, INSERTs',
        await warehouseCampaignBench(benchSizes([100_000])),
      );
    },
  },
  {
    // Issue 21: What works on the warehouse, one aggregate over campaign_log_current (100k by default).
    name: 'warehouse-outcomes',
    run: async () => {
      printTable(
        'What works on BigQuery (build/Code.js with BigQuery): calls, answer bytes, modelled + wall ms vs 10 s',
        await warehouseOutcomesBench(benchSizes([100_000])),
      );
    },
  },
  {
    // Issue 21: Settings → Refresh from source, the card's step and the hourly runs (100k by default).
    name: 'source-refresh',
    run: async () => {
      printTable(
        'Refresh from source (build/Code.js with BigQuery): the card step vs 10 s, a teammate refused, hourly runs',
        await sourceRefreshBench(benchSizes([100_000])),
      );
    },
  },
  {
    // Issue 21: reading through the latest-state views as changes accumulate.
    name: 'warehouse-changes',
    run: async () =>
      printTable(
        'Warehouse latest-state views (DuckDB, 100k customers): base tables vs views as changes accumulate',
        await warehouseChangesBench(),
      ),
  },
  {
    // Issue 21: the customer card's tag vocabulary and one lookup through the views.
    name: 'warehouse-card',
    run: async () =>
      printTable(
        'Warehouse customer card reads (DuckDB, 10k changes): vocabulary and the one lookup',
        await warehouseCardBench(benchSizes([10_000, 100_000])),
      ),
  },
  {
    // Issue 21: the trend, value lines and daily scan's comparisons on the warehouse, 10k/100k.
    name: 'warehouse-scan',
    run: async () =>
      printTable(
        'Warehouse trend, value lines and scan (BigQuery stand-in on DuckDB): wall ms, calls, bytes',
        await warehouseScanBench(),
      ),
  },
  {
    // Issue 21: building ChurnGuard's tables from the team's own table, per hourly run (100k rows).
    name: 'source-sync',
    run: async () =>
      printTable(
        'Source sync: 100k source rows (24 columns), pages of 5,000, hourly runs of 270 s modelled',
        await sourceSyncBench(Number(process.env.SYNC_ROWS ?? 100_000)),
      ),
  },
  {
    // Issue 21: the daily scan and its alerts on the BigQuery store, through the bundle's trigger.
    name: 'warehouse-daily-scan',
    run: async () =>
      printTable(
        'Warehouse daily scan (onHourlyTrigger on the opt-in bundle, BigQuery stand-in): per run and whole scan',
        await warehouseDailyScanBench(benchSizes([100_000, 1_000_000])),
      ),
  },
  {
    // Issue 21: the homepage on the BigQuery store, before and after the hourly trigger stores the day figures.
    name: 'warehouse-home',
    run: async () =>
      printTable(
        'Warehouse homepage (onHomepage on the opt-in bundle, BigQuery stand-in): calls, modelled + wall s vs 10 s',
        await warehouseHomeBench(benchSizes([100_000, 1_000_000])),
      ),
  },
  {
    name: 'scan',
    run: () =>
      printTable(
        'Daily scan (onHourlyTrigger on the bundle): re-score, History, alerts, digests, by customer count',
        scanBench(),
      ),
  },
  {
    name: 'campaign',
    run: async () => {
      printTable(
        'Campaign run on the stand-ins (3,000 pending, latency model): calls and emails per run',
        campaignRunBench(),
      );
      printTable(
        'Campaigns end to end: a card run, then hourly triggers until done',
        campaignEndToEndBench(),
      );
      // Issue 21: batched sends through the email service, beside one by one.
      await batchedSendBench(printTable);
    },
  },
  {
    // Issue 21: campaign throughput through the email-service stand-in (real HTTP on 127.0.0.1).
    name: 'sender',
    run: () => senderBench(printTable),
  },
];

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((o) => !groups.some((g) => g.name === o));
  if (unknown.length) {
    console.error(
      `Unknown benchmark group(s): ${unknown.join(', ')}. Groups: ${groups.map((g) => g.name).join(', ')}`,
    );
    process.exit(2);
  }
  for (const g of groups) {
    if (only.length && !only.includes(g.name)) continue;
    const started = Date.now();
    await g.run();
    console.log(`(${g.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
