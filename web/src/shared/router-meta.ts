import type { Component } from 'vue';
import 'vue-router';

/**
 * Route meta every area uses. A route with `menu` appears in the left menu for users of `groups`
 * (sorted by `menu.order`); a route with `groups` shows the 403 page to anyone else.
 */
declare module 'vue-router' {
  interface RouteMeta {
    /** Page title (Chinese), also the menu label unless `menu.label` is given. */
    title?: string;
    /** Groups allowed on the page; absent = every signed-in user. */
    groups?: readonly string[];
    menu?: { order: number; label?: string; icon?: Component };
    /** Reachable without signing in (sign-in page, error pages). */
    public?: boolean;
  }
}

export {};
