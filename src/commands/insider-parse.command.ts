import * as fs from 'fs';
import { Command, CommandRunner } from 'nest-commander';
import { decodeEdgarBytes } from '../modules/insider/parsing/edgar-bytes';
import { reportDocument } from '../modules/insider/parsing/parsed-document-report';
import { CliInputError } from './cli-input';

@Command({
  name: 'insider:parse',
  arguments: '<file>',
  description: 'parse one EDGAR document (Form 3/4/5 XML, Schedule 13D/13G XML or text, or a complete submission .txt) and print it with its score as JSON',
})
export class InsiderParseCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliInputError(`no such file: ${file ?? '(none given)'}`);
    const report = reportDocument(decodeEdgarBytes(fs.readFileSync(file)));
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok) process.exitCode = 3;
  }
}
