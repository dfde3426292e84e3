/** The workbench page: a simplified Gmail with an inbox, a reader and the add-on side panel. */
import { escapeHtml } from '../../ui/html/render-card';

export interface PageOptions {
  sheetLabel: string;
  user: string;
  cardCss: string;
  /** The server's per-start secret; the client sends it with every API call. */
  token: string;
}

export function pageHtml(options: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="churnguard-token" content="${escapeHtml(options.token)}">
<title>ChurnGuard workbench</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 Roboto, Arial, sans-serif; color: #202124; background: #f6f8fc; height: 100vh; display: flex; flex-direction: column; }
  header { display: flex; align-items: center; gap: 16px; padding: 8px 16px; background: #fff; border-bottom: 1px solid #e0e0e0; }
  header h1 { font-size: 18px; margin: 0; font-weight: 500; }
  header .meta { color: #5f6368; font-size: 12px; flex: 1; }
  header a, header button { color: #1a73e8; background: none; border: 0; font: inherit; cursor: pointer; text-decoration: none; }
  main { flex: 1; display: grid; grid-template-columns: 320px 1fr 380px; min-height: 0; }
  #inbox { list-style: none; margin: 0; padding: 0; overflow-y: auto; background: #fff; border-right: 1px solid #e0e0e0; }
  #inbox li { padding: 10px 14px; border-bottom: 1px solid #f1f3f4; cursor: pointer; }
  #inbox li:hover { background: #f2f6fc; }
  #inbox li.active { background: #d3e3fd; }
  #inbox .from { font-weight: 600; }
  #inbox .subject { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  #inbox .snippet { color: #5f6368; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  #middle { overflow-y: auto; padding: 24px 32px; }
  #reader h2 { font-weight: 400; margin: 0 0 12px; }
  #reader .head { color: #5f6368; margin-bottom: 16px; display: flex; justify-content: space-between; }
  #reader pre { white-space: pre-wrap; font: inherit; background: #fff; padding: 16px; border-radius: 8px; border: 1px solid #e0e0e0; }
  #reader-empty { color: #5f6368; margin-top: 40px; text-align: center; }
  #draft { margin-top: 16px; background: #fff; border: 1px solid #1a73e8; border-radius: 8px; padding: 12px 16px; }
  #draft pre { white-space: pre-wrap; font: inherit; }
  aside { background: #fff; border-left: 1px solid #e0e0e0; display: flex; flex-direction: column; min-height: 0; }
  aside .bar { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e0e0e0; }
  aside .bar strong { flex: 1; }
  aside .bar button { border: 0; background: none; cursor: pointer; color: #1a73e8; font: inherit; }
  #panel-cards { flex: 1; overflow-y: auto; }
  #panel-cards.busy { opacity: .5; pointer-events: none; }
  #toast { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); background: #323232; color: #fff; padding: 10px 18px; border-radius: 4px; }
  ${options.cardCss}
</style>
</head>
<body>
<header>
  <h1>ChurnGuard workbench</h1>
  <span class="meta">Local run of the real add-on · sheet: ${escapeHtml(options.sheetLabel)} · signed in as ${escapeHtml(options.user)}</span>
  <button id="home" type="button">Homepage</button>
  <button id="compose-action" type="button" title="Gmail compose action">Compose: insert retention offer</button>
  <button id="run-triggers" type="button" title="Run the hourly trigger now, as Apps Script would an hour on">Run hourly trigger</button>
  <a href="/outbox">Outbox</a>
</header>
<main>
  <ul id="inbox" aria-label="Inbox"></ul>
  <section id="middle">
    <div id="reader-empty">Open an email on the left; ChurnGuard shows the customer on the right.</div>
    <article id="reader" hidden>
      <h2 data-msg="subject"></h2>
      <div class="head"><span data-msg="from"></span><span data-msg="date"></span></div>
      <pre data-msg="body"></pre>
    </article>
    <div id="draft" hidden>
      <strong>Draft</strong>
      <div>To: <span data-draft="to"></span></div>
      <div>Subject: <span data-draft="subject"></span></div>
      <pre data-draft="body"></pre>
    </div>
  </section>
  <aside aria-label="ChurnGuard panel">
    <div class="bar"><button id="panel-back" type="button" hidden>← Back</button><strong>ChurnGuard</strong></div>
    <div id="panel-cards"></div>
  </aside>
</main>
<div id="toast" role="status" hidden></div>
<script src="/client.js"></script>
</body>
</html>`;
}
