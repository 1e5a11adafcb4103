import { Controller, Get, Header } from '@nestjs/common';
import { ProjectorMetrics } from './projector.metrics';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: ProjectorMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
