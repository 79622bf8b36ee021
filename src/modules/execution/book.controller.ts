import { Controller, Get, Query } from '@nestjs/common';
import { BookReaderService } from './book-reader.service';
import { BookQueryDto } from './dto/book-query.dto';

@Controller('api')
export class BookController {
  constructor(private readonly book: BookReaderService) {}

  /** Open positions per account and contract, from recorded fills. */
  @Get('positions')
  positions(@Query() query: BookQueryDto) {
    return this.book.openPositions(query);
  }

  @Get('orders')
  orders(@Query() query: BookQueryDto) {
    return this.book.listOrders(query);
  }

  @Get('trades')
  trades(@Query() query: BookQueryDto) {
    return this.book.listTrades(query);
  }
}
