import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { PositionDriftReconciler } from '../reconciler/position-drift-reconciler.service';

@Controller('api/reconcile')
export class ReconcileController {
  constructor(private readonly reconciler: PositionDriftReconciler) {}

  @Get()
  last() {
    return this.reconciler.lastReport() ?? { at: null, trigger: null, accounts: [] };
  }

  /** Compares the book with every broker position now and applies each account's drift policy. */
  @Post()
  @HttpCode(200)
  run() {
    return this.reconciler.reconcileAll('api');
  }
}
