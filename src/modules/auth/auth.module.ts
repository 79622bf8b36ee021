import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsService } from './credentials.service';
import { LoginSession } from './entities/login-session.entity';
import { Setting } from './entities/setting.entity';
import { LoginController } from './login.controller';
import { LoginSessionsService } from './login-sessions.service';
import { LoginThrottle } from './login-throttle';
import { SessionsController } from './sessions.controller';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Setting, LoginSession])],
  controllers: [LoginController, SessionsController],
  providers: [CredentialsService, LoginSessionsService, LoginThrottle],
  exports: [CredentialsService, LoginSessionsService],
})
export class AuthModule {}
