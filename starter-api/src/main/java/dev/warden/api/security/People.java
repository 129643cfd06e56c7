package dev.warden.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whether the caller of the current request is a person (see {@link WardenCaller#person()}). */
public final class People {

  private People() {}

  /** True when the request's caller is a person's token or a person signed in to the console. */
  public static boolean callerIsPerson() {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    return caller instanceof WardenCaller warden && warden.person();
  }
}
