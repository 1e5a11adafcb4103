import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Integration and e2e suites talk to the real servers. Bringing the stack up is idempotent (a no-op
 * when it already runs), so a developer's running stack is reused and CI gets one started.
 */
export default function globalSetup(): void {
  execFileSync('bash', [join(__dirname, '../../../../scripts/stack.sh'), 'up'], {
    stdio: 'inherit',
    timeout: 600_000,
  });
}
