import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from './config/app-config';
import { Clock } from './core/clock';
import { createHttpApp } from './http-app';
import { CredentialsService } from './modules/auth/credentials.service';
import { keepNewFilesPrivate } from './runtime/private-files';
import { describeBrokers } from './runtime/broker-summary';
import { writeServerMarker } from './runtime/server-marker';

async function bootstrap(): Promise<void> {
  keepNewFilesPrivate();
  const config = loadConfigOrExit();
  const app = await createHttpApp(config);
  await app.listen(config.port);
  writeServerMarker(config.dataDir, config.port, app.get(Clock).nowIso());
  const logger = new Logger('JustTrades');
  const credentials = app.get(CredentialsService);
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  logger.log(`Dashboard: ${base}/`);
  logger.log(`Database: ${config.database.type === 'sqlite' ? config.database.path : 'postgres'}; ${await describeBrokers(app.get(DataSource))}`);
  logger.log(
    credentials.locations.adminPassword
      ? `Admin password: in ${credentials.locations.adminPassword} (set JT_ADMIN_PASSWORD to choose your own)`
      : 'Admin password: the one in JT_ADMIN_PASSWORD',
  );
  logger.log(credentials.locations.apiKey ? `API key: in ${credentials.locations.apiKey} (send it as Authorization: Bearer <key>)` : 'API key: the one in JT_API_KEY');
}

void bootstrap();
