import { describe, expect, test } from 'vitest';
import { normalizeSql } from '../../src/queries/normalizeSql.js';
import { shapeOf } from '../../src/queries/shapeOf.js';

describe('normalizeSql', () => {
  test.each([
    ["SELECT * FROM users WHERE id = 42 AND name = 'O''Brien'", 'SELECT * FROM users WHERE id = ? AND name = ?', ['42', "O''Brien"]],
    ['SELECT * FROM t WHERE id = $1 AND x = $12', 'SELECT * FROM t WHERE id = ? AND x = ?', []],
    ['SELECT * FROM t WHERE id = ? AND y = :name AND z = @z', 'SELECT * FROM t WHERE id = ? AND y = ? AND z = ?', []],
    ['SELECT $1::int, a::text FROM t', 'SELECT ?::int, a::text FROM t', []],
    ['SELECT * FROM t WHERE id IN (1, 2, 3)', 'SELECT * FROM t WHERE id IN (?…)', ['1', '2', '3']],
    ['SELECT * FROM t WHERE id IN ($1,$2)', 'SELECT * FROM t WHERE id IN (?…)', []],
    ['SELECT * FROM t WHERE id IN (7)', 'SELECT * FROM t WHERE id IN (?)', ['7']],
    ["INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')", 'INSERT INTO t (a, b) VALUES (?…), …', ['1', 'x', '2', 'y', '3', 'z']],
    ['SELECT  *\n  FROM t -- trailing comment\n WHERE /* inline */ x = 1.5e3', 'SELECT * FROM t WHERE x = ?', ['1.5e3']],
    ['SELECT "Col1", `col2`, t1.c3 FROM "T 1"', 'SELECT "Col1", `col2`, t1.c3 FROM "T 1"', []],
    ["SELECT E'a\\'b', X'ff', $$body$$, $tag$x$tag$", 'SELECT ?, ?, ?, ?', ["a\\'b", 'ff', 'body', 'x']],
    ['select 0x1F, .5, -3', 'select ?, ?, -?', ['0x1F', '.5', '3']],
  ])('%s', (text, shape, literals) => {
    expect(normalizeSql(text)).toEqual({ shape, literals });
  });

  test('one statement run with different values has one shape', () => {
    const shapes = new Set([1, 2, 3].map((id) => normalizeSql(`SELECT * FROM teams WHERE id = ${id} AND tag IN (${'1,'.repeat(id)}0)`).shape));
    expect([...shapes]).toEqual(['SELECT * FROM teams WHERE id = ? AND tag IN (?…)']);
  });
});

describe('shapeOf', () => {
  test('HTTP: ids in the path and query values are replaced, the origin kept', () => {
    expect(shapeOf('http', 'GET http://127.0.0.1:3000/users/42/posts/0f8fad5b-d9cb-469f-a165-70867728950e?page=2&q=x').shape).toBe(
      'GET http://127.0.0.1:3000/users/:id/posts/:id?page=?&q=?',
    );
    expect(shapeOf('http', 'POST https://api.example.test/v1/orders').shape).toBe('POST https://api.example.test/v1/orders');
  });

  test('Redis: the key with ids replaced, other arguments as ?', () => {
    expect(shapeOf('redis', 'SET session:9f86d081884c7d65 ? EX 60').shape).toBe('SET session::id ? ? ?');
    expect(shapeOf('redis', 'get user:17').shape).toBe('GET user::id');
    expect(shapeOf('redis', 'PING').shape).toBe('PING');
  });
});
