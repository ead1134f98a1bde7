/** The two languages patrons use with the bot; English is only ever a switch_language target. */
export type Lang = 'el' | 'hu';

export type Intent =
  | 'reserve'
  | 'ill_request'
  | 'my_orders'
  | 'cancel_order'
  | 'opening_hours'
  | 'address'
  | 'basket'
  | 'returns_info'
  | 'membership'
  | 'fees'
  | 'new_acquisitions'
  | 'human'
  | 'help'
  | 'cancel'
  | 'start_over'
  | 'switch_language'
  | 'arrived'
  | 'none';

export type Grain = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface DateTimeEntity {
  start: Date;
  grain: Grain;
  end?: Date;
  /** The words of the utterance the date was read from, as the patron typed them. */
  text: string;
}

export interface Entities {
  datetime?: DateTimeEntity;
  number?: number;
  ordinal?: number;
  title?: string;
  author?: string;
  isbn?: string;
  language?: 'el' | 'hu' | 'en';
}

export interface Understanding {
  text: string;
  intent: Intent;
  confidence: number;
  entities: Entities;
}
