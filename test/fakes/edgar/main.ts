// Runs the fake EDGAR by hand: npm run build && node dist/test/fakes/edgar/main.js [port]
// then start the app with JT_SEC_WWW_URL and JT_SEC_DATA_URL pointing at it.
import { FakeEdgarServer } from './fake-edgar-server';

const fake = new FakeEdgarServer();
void fake.start(Number(process.argv[2] ?? 8090)).then((url) => {
  console.log(`fake EDGAR on ${url}`);
  console.log(`JT_SEC_WWW_URL=${url} JT_SEC_DATA_URL=${url} JT_SEC_USER_AGENT="Just Trades dev@example.com" npm start`);
});
