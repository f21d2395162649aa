// `natural` loads dotenv ≥ 17 at import (its storage backends call `require('dotenv').config()`),
// which prints "injected env (0) from .env // tip: …" advert lines on every start and CLI call,
// on stdout where the CLI's JSON goes. dotenv reads DOTENV_CONFIG_QUIET on each call, so this
// module must be imported before anything that imports `natural` (ES modules evaluate in order).
process.env.DOTENV_CONFIG_QUIET ??= "true";
export {};
