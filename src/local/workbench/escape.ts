/** Escapes text for HTML content and attribute values. Everything the workbench shows goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
