import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({
      extend: z.object({
        'terminal.title': z.string().optional(),
        'terminal.subtitle': z.string().optional(),
        'terminal.loading': z.string().optional(),
        'terminal.running': z.string().optional(),
        'terminal.placeholder': z.string().optional(),
        'terminal.start': z.string().optional(),
        'terminal.reset': z.string().optional(),
        'terminal.runInTerminal': z.string().optional(),
        'terminal.welcome': z.string().optional(),
        'terminal.error': z.string().optional(),
        'terminal.restoring': z.string().optional(),
        'terminal.restored': z.string().optional(),
        'bilingual.off': z.string().optional(),
        'bilingual.on': z.string().optional(),
        'bilingual.loading': z.string().optional(),
        'bilingual.error': z.string().optional(),
      }),
    }),
  }),
};
