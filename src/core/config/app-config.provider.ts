// Injection token for the validated AppConfig, so that config stays a plain object.
export const APP_CONFIG = Symbol('APP_CONFIG');
