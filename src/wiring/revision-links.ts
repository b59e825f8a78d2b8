import { builtInSettings } from '../api/codepipeline/index.js';
import { renderUrlTemplate } from '../jobs/index.js';
import type { ActionProvider } from '../providers/index.js';

/**
 * A source provider whose revisions carry their link (`revisionUrl` in GetPipelineState, ListPipelineExecutions'
 * sourceRevisions and GetPipelineExecution's artifactRevisions): the type's execution link, which names the
 * fetched commit or object version, filled in with the revision id.
 */
export function withRevisionLinks(provider: ActionProvider, baseUrl: () => string): ActionProvider {
  return {
    type: provider.type,
    ...(provider.resumable !== undefined ? { resumable: provider.resumable } : {}),
    async run(job, ctx) {
      const result = await provider.run(job, ctx);
      if (!result.revision || result.revision.url) return result;
      const template = builtInSettings(job.actionTypeId, baseUrl(), job)?.executionUrlTemplate;
      const url = renderUrlTemplate(template, job.configuration, result.revision.revisionId);
      return url ? { ...result, revision: { ...result.revision, url } } : result;
    },
  };
}
