// A PGlite database (Postgres in WebAssembly, nothing to install) with 5 000 orders of 100 customers, and the two
// ways of listing one customer's recent orders: the whole table filtered in JavaScript, and the fix.
import { PGlite } from '@electric-sql/pglite';

export const db = new PGlite();

export interface OrderRow {
  id: number;
  customer_id: number;
  total: number;
}

export async function seedOrders(): Promise<void> {
  await db.exec(`
    CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, customer_id int, total int);
    CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id, id);
    INSERT INTO orders SELECT i, 1 + i % 100, (i * 37) % 500 FROM generate_series(1, 5000) i ON CONFLICT DO NOTHING;
  `);
}

// What code generators often write: read every order, keep the customer's in JavaScript.
export async function recentOrdersUnpaginated(customerId: number): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderRow>('SELECT * FROM orders');
  return rows
    .filter((order) => order.customer_id === customerId)
    .sort((a, b) => b.id - a.id)
    .slice(0, 20);
}

// The fix: filter, order and page in SQL, so only the page crosses the wire.
export async function recentOrders(customerId: number): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderRow>('SELECT * FROM orders WHERE customer_id = $1 ORDER BY id DESC LIMIT 20', [customerId]);
  return rows;
}
