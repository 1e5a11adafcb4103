import { Controller, Get, Header } from '@nestjs/common';
import { ApiMetrics } from './api.metrics';

@Controller()
export class ApiMetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
