/**
 * Runs before `npm test`: the end-to-end tests drive Debian's Chromium and Firefox ESR. On a
 * fresh Debian machine, as root, it installs them; elsewhere it says what is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { binary: '/usr/bin/chromium', pkg: 'chromium' },
  { binary: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];
const missing = needed.filter((b) => !existsSync(b.binary));
if (missing.length > 0) {
  const pkgs = missing.map((b) => b.pkg);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`The end-to-end tests need ${pkgs.join(' and ')}: install with apt-get install ${pkgs.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${pkgs.join(', ')} from Debian for the end-to-end tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs, 'fonts-dejavu-core'], {
    stdio: 'inherit',
    env,
  });
}
