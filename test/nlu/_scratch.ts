import { createConfiguration } from '/work/main/src/nlu/chrono/el';
import { Chrono } from 'chrono-node';
const conf = createConfiguration(false);
const c = new Chrono({ parsers: conf.parsers, refiners: [] });
console.log(c.parse('μαι', new Date()).map(r => r.text + ' ' + [...r.tags()]));
const c2 = new Chrono(conf);
console.log(c2.parse('μαι', new Date(), {debug: true} as any).map(r => r.text));
