import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentCaller } from '../auth/api-key.guard';
import type { Caller } from '../auth/domain-access';
import { listParamsFromUrl } from './list-params-from-url';
import { JobTasksService } from './job-tasks.service';

@Controller()
@UseGuards(ApiKeyGuard)
export class JobTasksController {
  constructor(private readonly jobTasks: JobTasksService) {}

  @Get('power_scheduler/v1/job-tasks')
  listFromUrl(@Query() params: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    return this.jobTasks.list(listParamsFromUrl(params), caller);
  }

  @Post(['power_scheduler/v1/job-tasks/search', 'power-scheduler/job-task/list'])
  @HttpCode(200)
  list(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    return this.jobTasks.list(body, caller);
  }

  @Post(['power_scheduler/v1/job-tasks/stat', 'power-scheduler/job-task/stat'])
  @HttpCode(200)
  stat(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    return this.jobTasks.stat(body, caller);
  }
}
