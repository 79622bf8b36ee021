import { Controller, Get, Render } from '@nestjs/common';
import { DashboardService } from './dashboard.service';

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Render('dashboard')
  async page() {
    return { title: 'Dashboard', ...(await this.dashboard.snapshot()) };
  }

  /** The same data as JSON, for the page's live refresh. */
  @Get('api/dashboard')
  data() {
    return this.dashboard.snapshot();
  }
}
