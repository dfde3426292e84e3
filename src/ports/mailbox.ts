/** The Gmail message the user has open, as the add-on is allowed to see it. */
export interface OpenMessage {
  id: string;
  threadId: string;
  /** The raw From header, e.g. `Ana Díaz <ana@example.com>`. */
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  date: Date;
  plainBody: string;
}

export interface Mailbox {
  /** Reads the open message; the access token comes from the add-on event. */
  openMessage(messageId: string, accessToken: string): OpenMessage;
}
