import type { Locale, Translate } from '../i18n/index.js';
import type { StaffPrincipal } from '../auth/roles.js';

export interface OfficeInfo {
  id: number;
  countyId: number;
  code: string;
  name: string;
  address: string;
  phone: string;
  fax: string | null;
  email: string | null;
  hoursSummary: string;
  updatedAt: string;
  /** set when the office is deactivated: its public pages say so and point to the successor */
  closed?: { successor: { code: string; name: string } | null } | null;
}

/**
 * A 無障礙網站標章 (accessibility certificate badge) shown in a public
 * footer: the image, the certificate's page, and the office's own alt text.
 */
export interface A11yBadge {
  image: string;
  href: string;
  alt: string;
  /** the alt text's language when it is not the page's (an English page whose office gave only Chinese) */
  altLang?: string;
}

export interface CountyInfo {
  id: number;
  code: string;
  name: string;
  /** the site's own name and logo text, when the county set them */
  siteName?: string | null;
  logoText?: string | null;
  /** English offered beside zh-Hant */
  english?: boolean;
  /** the county's open offices, for the contacts in the county site's footer */
  offices?: { code: string; name: string; address: string; phone: string; a11yBadge?: A11yBadge | null }[];
  /** the county site's own badge; each office's is beside it in `offices` */
  a11yBadge?: A11yBadge | null;
}

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
  /** staff menu: the group it is listed under (its label) */
  group?: string;
}

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  key: string;
  params?: Record<string, string | number>;
}

/** Everything a view needs to know about the request, passed down explicitly. */
export interface ViewContext {
  locale: Locale;
  t: Translate;
  /** path of this page without query string */
  path: string;
  /** the same page in the other language */
  langSwitchHref: string;
  csrfToken: string;
  now: Date;
  staff: StaffPrincipal | null;
  county: CountyInfo | null;
  office: OfficeInfo | null;
  nav: NavLink[];
  flash: Flash[];
  demo: boolean;
  /** date shown as "last updated" in the footer */
  lastUpdated: string | null;
}
