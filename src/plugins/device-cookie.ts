import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { DEVICE_TRUST_DAYS } from '../modules/auth/device-trust.js';
import { cookieOptions } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The device token this browser holds (ADR 0013), unchecked: the auth service decides what it is worth. */
    readonly deviceToken: string | undefined;
  }
  interface FastifyReply {
    /** Give this browser a device token, after someone signed in with it. */
    rememberDevice(token: string): void;
  }
}

/** The device cookie's name: `__Host-` (so no other host can set it) whenever cookies are Secure. */
export const deviceCookieName = (config: Config): string => (config.cookieSecure ? '__Host-doing-with-device' : 'doing-with-device');

export interface DeviceCookiePluginOptions {
  readonly config: Config;
}

/**
 * The device cookie: HttpOnly, SameSite=Lax, Secure behind TLS like the session cookie, but kept for months, so a
 * browser stays known after signing out. It holds a token the auth service signs itself (so it is not also signed by
 * @fastify/cookie).
 */
export const deviceCookiePlugin = fp<DeviceCookiePluginOptions>(
  async (app, { config }) => {
    const name = deviceCookieName(config);
    const options = { ...cookieOptions(config), maxAge: DEVICE_TRUST_DAYS * 86_400 };
    app.decorateRequest('deviceToken', {
      getter() {
        return this.cookies[name];
      },
    });
    app.decorateReply('rememberDevice', function (token: string) {
      // As with the session cookie: a Secure cookie is never sent over plain HTTP.
      if (config.cookieSecure && this.request.protocol !== 'https') return;
      this.setCookie(name, token, options);
    });
  },
  { name: 'device-cookie', dependencies: ['session'] },
);
