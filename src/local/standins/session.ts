/**
 * Session: who runs the execution (the active user, which for a trigger is the trigger's owner) and
 * the script's time zone and user locale from the world.
 */
import type { SessionLike, UserLike } from '../../gas/services';
import type { ServiceEnv } from './world';

export class UserStandin implements UserLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.env.call('User.getEmail');
    return this.email;
  }
}

export class SessionStandin implements SessionLike {
  constructor(private readonly env: ServiceEnv) {}

  getActiveUser(): UserStandin {
    this.env.call('Session.getActiveUser');
    return new UserStandin(this.env, this.env.execution.user);
  }

  /** Add-ons run as the user who uses them, so the effective user is the active one. */
  getEffectiveUser(): UserStandin {
    this.env.call('Session.getEffectiveUser');
    return new UserStandin(this.env, this.env.execution.user);
  }

  getScriptTimeZone(): string {
    this.env.call('Session.getScriptTimeZone');
    return this.env.world.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    this.env.call('Session.getActiveUserLocale');
    return this.env.world.account(this.env.execution.user).locale;
  }
}
