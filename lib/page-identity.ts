/**
 * Which page an annotation belongs to. The same report reached from a newsletter link, a search
 * result and a bookmark must be one page, or the reader's tags split across copies of it, so the
 * URL is reduced to what identifies the document: tracking parameters, the fragment, default
 * ports and credentials go; the order of the remaining query parameters stops mattering.
 */

/**
 * Query parameters that say how the reader arrived, never which document they are on. Names are
 * compared case-insensitively; `utm_` is a prefix (utm_source, utm_medium, utm_campaign, ...).
 *
 * - Google: gclid, gclsrc, dclid, gbraid, wbraid, srsltid, _ga, _gl
 * - Microsoft: msclkid; Yandex: yclid
 * - Meta: fbclid, igshid; X/Twitter: twclid, ref_src, ref_url; TikTok: ttclid; LinkedIn: li_fat_id
 * - Email tools: mc_cid, mc_eid (Mailchimp), _hsenc, _hsmi (HubSpot), mkt_tok (Marketo),
 *   vero_id, vero_conv (Vero), oly_anon_id, oly_enc_id (Omeda), _kx (Klaviyo)
 */
const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'srsltid',
  '_ga',
  '_gl',
  'msclkid',
  'yclid',
  'fbclid',
  'igshid',
  'twclid',
  'ref_src',
  'ref_url',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_anon_id',
  'oly_enc_id',
  '_kx',
]);

const TRACKING_PREFIXES: readonly string[] = ['utm_'];

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The page's identity: scheme and host lower-cased, default port, credentials, fragment and
 * tracking parameters dropped, remaining parameters sorted by name (values of a repeated name
 * keep their order, which can matter) and re-encoded as a form would encode them (`%20` and `+`
 * are one space), path case kept (servers may treat it as significant).
 * Text that is not an absolute URL is returned trimmed, so nothing a caller passes is lost.
 */
export function normalisePageUrl(raw: string): string {
  const text = raw.trim();
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  url.hash = '';
  url.username = '';
  url.password = '';
  const params = new URLSearchParams(url.search);
  for (const name of new Set(params.keys())) {
    if (isTrackingParameter(name)) params.delete(name);
  }
  params.sort();
  url.search = params.toString();
  return url.href;
}
