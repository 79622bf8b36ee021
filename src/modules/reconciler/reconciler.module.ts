import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from '../accounts/account-directory.module';
import { Position } from '../execution/entities/position.entity';
import { ExitsModule } from '../exits/exits.module';
import { PositionDriftReconciler } from './position-drift-reconciler.service';

@Module({
  imports: [TypeOrmModule.forFeature([Position]), AccountDirectoryModule, ExitsModule],
  providers: [PositionDriftReconciler],
  exports: [PositionDriftReconciler],
})
export class ReconcilerModule {}
