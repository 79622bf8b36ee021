import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsService } from './credentials.service';
import { Setting } from './entities/setting.entity';
import { LoginController } from './login.controller';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Setting])],
  controllers: [LoginController],
  providers: [CredentialsService],
  exports: [CredentialsService],
})
export class AuthModule {}
