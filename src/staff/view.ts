import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { TFunction } from 'i18next';
import type { LibraryPolicy } from '../domain/policy/library-policy';

const VIEWS = fileURLToPath(new URL('./views', import.meta.url));

/**
 * The only raw (unescaped) outputs a staff template may contain: the page body a layout wraps
 * and a partial it includes. Both are already-rendered Eta output, so every byte in them went
 * through the escaping `<%= %>`. Any other `<%~ %>` fails when the template is compiled, so a
 * patron's text cannot reach a staff browser as markup by one careless tag.
 */
const RAW_ALLOWED = /^\s*(it\.body|include\(\s*'[\w./-]+'\s*(,[^)]*)?\))\s*$/;

const eta = new Eta({
  views: VIEWS,
  autoEscape: true,
  cache: true,
  // `undefined` and `null` are "nothing to show", never the words.
  escapeFunction: (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!),
  plugins: [{
    processAST: (ast) => {
      for (const node of ast) {
        if (typeof node !== 'string' && node.t === 'r' && !RAW_ALLOWED.test(node.val)) {
          throw new Error(`raw output <%~ ${node.val.trim()} %> in a staff template: only it.body and include() may be raw`);
        }
      }
      return ast;
    },
  }],
});
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Compiles a template source with the staff engine's rules (what a review or a test checks a new view with). */
export const compileStaffTemplate = (source: string) => eta.compile(source);

/** What the sign-in page is rendered with: it belongs to no library yet. */
export interface AnonymousContext {
  t: TFunction;
  language: string;
  libraryName: string;
  staffName?: undefined;
  csrfToken?: undefined;
  policy?: undefined;
}

/** A signed-in staff member's page: their library's name and rules, their CSRF token. */
export interface PageContext {
  t: TFunction;
  language: string;
  libraryName: string;
  staffName?: string;
  csrfToken?: string;
  policy: LibraryPolicy;
}

/**
 * The staff navigation, in one place: a page added here (a demand list, the "copy is back"
 * alerts) gets the same header as every other. `when` hides an entry the library does not use.
 */
export interface NavEntry { href: string; label: string; when?: (ctx: PageContext) => boolean }
export const STAFF_NAV: NavEntry[] = [
  { href: '/staff', label: 'staff:nav.queue' },
  { href: '/staff/pick-list', label: 'staff:nav.pick_list' },
  { href: '/staff/ill', label: 'ill:staff.nav', when: (ctx) => ctx.policy.ill.enabled },
  { href: '/staff/patrons', label: 'staff:nav.patrons' },
  { href: '/staff/lockouts', label: 'staff:nav.lockouts' },
  { href: '/staff/demand', label: 'staff:nav.demand' },
  { href: '/staff/copy-alerts', label: 'staff:nav.copy_alerts' },
];

export interface LayoutOptions {
  /** Path of the current page: its nav entry is marked for screen readers. */
  current?: string;
  /** Extra script the page needs (same-origin file under /staff/assets). */
  script?: string;
}

/** A whole staff page: `view` (a file in views/) rendered with `model`, inside the layout. */
export function renderPage(ctx: PageContext | AnonymousContext, view: string, title: string, model: object, options: LayoutOptions = {}): string {
  const nav = ctx.policy && ctx.staffName
    ? STAFF_NAV.filter((n) => n.when?.(ctx as PageContext) ?? true).map((n) => ({ href: n.href, label: ctx.t(n.label), current: n.href === options.current }))
    : [];
  return eta.render(view, { ...model, ctx, t: ctx.t, title, nav, script: options.script });
}

/** A part of a page (the queue table the live updates swap in), rendered by the same escaping engine. */
export function renderFragment(ctx: PageContext, view: string, model: object): string {
  return eta.render(view, { ...model, ctx, t: ctx.t });
}

/** The static files the staff pages load (no inline style or script: the CSP allows only 'self'). */
export const STAFF_ASSETS: Record<string, { type: string; body: string }> = {
  'staff.css': { type: 'text/css; charset=utf-8', body: readFileSync(`${VIEWS}/staff.css`, 'utf8') },
  'queue-live.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(`${VIEWS}/queue-live.js`, 'utf8') },
};
