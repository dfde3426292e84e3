/** Who is using the add-on. */
export interface UserSession {
  /** The active user's address, or '' where Google does not reveal it (consumer accounts in some contexts). */
  email(): string;
}
