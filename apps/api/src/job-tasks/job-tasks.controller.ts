import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyGuard, CurrentCaller } from '../auth/api-key.guard';
import type { Caller } from '../auth/domain-access';
import { listParamsFromUrl } from './list-params-from-url';
import { JobTasksService } from './job-tasks.service';

// The answers are sent as their JSON text (JsonAnswer): serialised once, a cache hit not at all.
const JSON_TYPE = 'application/json; charset=utf-8';

@Controller()
@UseGuards(ApiKeyGuard)
export class JobTasksController {
  constructor(private readonly jobTasks: JobTasksService) {}

  @Get('power_scheduler/v1/job-tasks')
  @Header('content-type', JSON_TYPE)
  async listFromUrl(
    @Query() params: Record<string, unknown>,
    @Req() req: Request,
    @CurrentCaller() caller: Caller,
  ) {
    const at = req.url.indexOf('?');
    const search = at < 0 ? '' : req.url.slice(at + 1);
    return (await this.jobTasks.listAnswer(listParamsFromUrl(params, search), caller)).text();
  }

  @Post(['power_scheduler/v1/job-tasks/search', 'power-scheduler/job-task/list'])
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async list(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    return (await this.jobTasks.listAnswer(body, caller)).text();
  }

  @Post(['power_scheduler/v1/job-tasks/stat', 'power-scheduler/job-task/stat'])
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async stat(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    return (await this.jobTasks.statAnswer(body, caller)).text();
  }
}
