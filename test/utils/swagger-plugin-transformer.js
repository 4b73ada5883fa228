// ts-jest AST transformer that applies the @nestjs/swagger CLI plugin, as nest-cli.json does.
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compiler) =>
  plugin.before(
    {
      dtoFileNameSuffix: ['.dto.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
      introspectComments: true,
    },
    compiler.program,
  );
