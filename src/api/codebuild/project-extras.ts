import type { InvalidateProjectCacheInput, InvalidateProjectCacheOutput, ListCuratedEnvironmentImagesInput, ListCuratedEnvironmentImagesOutput } from '@aws-sdk/client-codebuild';
import { curatedImages } from '../../codebuild/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException } from './errors.js';
import { requireProject } from './projects.js';

/** InvalidateProjectCache: removes the project's cache volume, so its next build starts with an empty cache. */
export async function invalidateProjectCache(deps: CodeBuildDeps, input: HandlerInput<InvalidateProjectCacheInput>, ctx: RequestContext): Promise<HandlerOutput<InvalidateProjectCacheOutput>> {
  const { project } = requireProject(deps, ctx, input.projectName);
  if ((await deps.caches.invalidate(ctx, project.name)) === 'in-use') {
    // wording inferred: a running build still has the cache mounted, which Docker will not remove.
    throw new InvalidInputException(`The cache of project ${project.name} is in use by a running build; reset it when the build has ended`);
  }
  return {};
}

/** ListCuratedEnvironmentImages: the CodeBuild-managed images the image map runs locally, by platform, under language BASE. */
export function listCuratedEnvironmentImages(deps: CodeBuildDeps, _input: HandlerInput<ListCuratedEnvironmentImagesInput>): HandlerOutput<ListCuratedEnvironmentImagesOutput> {
  const images = curatedImages(deps.imageMap);
  const platforms = [...new Set(images.map((i) => i.platform))].map((platform) => ({
    platform,
    languages: [
      {
        language: 'BASE',
        images: images
          .filter((i) => i.platform === platform)
          .map((i) => ({ name: i.name, description: `${i.description} (runs locally as ${i.localImage})`, versions: [i.name] })),
      },
    ],
  }));
  return { platforms };
}
