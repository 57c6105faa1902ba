/**
 * Where Inspection Lens runs by itself. Ofsted's own pages always; the news and council sites
 * that report on inspections only when the page mentions Ofsted; anywhere else only when the
 * reader asks (toolbar button or shortcut), which needs no host permission at all.
 */

/** Match patterns for the automatic content script. */
export const AUTOMATIC_MATCHES = [
  '*://*.ofsted.gov.uk/*',
  '*://*.communitycare.co.uk/*',
  '*://*.cypnow.co.uk/*',
  '*://*.moderngov.co.uk/*',
  '*://www.gov.uk/*',
];

/** Whether pages on `hostname` are highlighted without first checking that they mention Ofsted. */
export function isOfstedHost(hostname: string): boolean {
  return hostname === 'ofsted.gov.uk' || hostname.endsWith('.ofsted.gov.uk');
}

/** Whether `hostname` is one of the sites where the extension runs by itself. */
export function isAutomaticHost(hostname: string): boolean {
  return (
    isOfstedHost(hostname) ||
    ['communitycare.co.uk', 'cypnow.co.uk', 'moderngov.co.uk'].some(
      (site) => hostname === site || hostname.endsWith(`.${site}`),
    ) ||
    hostname === 'www.gov.uk'
  );
}
