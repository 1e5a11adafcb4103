import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { checkReadiness, READINESS_PROBES, type ReadinessProbe } from './readiness-probe';

@Controller()
export class HealthController {
  constructor(@Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[]) {}

  /** Liveness: the process answers. Never touches a dependency, so a dead server cannot restart us. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await checkReadiness(this.probes);
    res.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
