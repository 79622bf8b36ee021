import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { Position } from '../execution/entities/position.entity';
import { ExitsModule } from '../exits/exits.module';
import { PositionDriftReconciler } from './position-drift-reconciler.service';

@Module({
  imports: [TypeOrmModule.forFeature([Position]), AccountsModule, ExitsModule],
  providers: [PositionDriftReconciler],
  exports: [PositionDriftReconciler],
})
export class ReconcilerModule {}
