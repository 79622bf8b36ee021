import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { FlattenService } from './flatten.service';

@Controller('api/accounts')
export class FlattenController {
  constructor(private readonly flatten: FlattenService) {}

  /** Flattens every open position of the account with market orders, confirmed from the broker. */
  @Post(':id/flatten')
  @HttpCode(200)
  async flattenAccount(@Param('id', ParseUUIDPipe) id: string) {
    const closed = await this.flatten.flattenAccount(id);
    return { accountId: id, flattened: closed, remaining: await this.flatten.openPositions(id) };
  }
}
