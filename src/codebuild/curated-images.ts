import { mapImage, type ImageMap } from './image-map.js';

/** A CodeBuild-managed image as ListCuratedEnvironmentImages lists it, with the local image it runs as. */
export interface CuratedImage {
  platform: 'UBUNTU' | 'AMAZON_LINUX';
  name: string;
  description: string;
  /** The local Docker image the emulator runs for it. */
  localImage: string;
}

// CodeBuild's current managed Linux images (its "Docker images provided by CodeBuild" page); descriptions inferred.
const MANAGED: readonly Omit<CuratedImage, 'localImage'>[] = [
  { platform: 'UBUNTU', name: 'aws/codebuild/standard:5.0', description: 'Ubuntu 20.04 standard image 5.0' },
  { platform: 'UBUNTU', name: 'aws/codebuild/standard:6.0', description: 'Ubuntu 22.04 standard image 6.0' },
  { platform: 'UBUNTU', name: 'aws/codebuild/standard:7.0', description: 'Ubuntu 22.04 standard image 7.0' },
  { platform: 'AMAZON_LINUX', name: 'aws/codebuild/amazonlinux2-x86_64-standard:4.0', description: 'Amazon Linux 2 x86_64 standard image 4.0' },
  { platform: 'AMAZON_LINUX', name: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0', description: 'Amazon Linux 2023 x86_64 standard image 5.0' },
  { platform: 'AMAZON_LINUX', name: 'aws/codebuild/amazonlinux-x86_64-standard:5.0', description: 'Amazon Linux 2023 x86_64 standard image 5.0' },
  { platform: 'AMAZON_LINUX', name: 'aws/codebuild/amazonlinux2-aarch64-standard:2.0', description: 'Amazon Linux 2 aarch64 standard image 2.0' },
  { platform: 'AMAZON_LINUX', name: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', description: 'Amazon Linux 2023 aarch64 standard image 3.0' },
];

/** The CodeBuild-managed images the image map knows (maps to a local image), and the map's own exact `aws/codebuild/` names. */
export function curatedImages(map: ImageMap): CuratedImage[] {
  const known = MANAGED.filter((image) => mapImage(map, image.name) !== image.name).map((image) => ({ ...image, localImage: mapImage(map, image.name) }));
  const exact = Object.entries(map)
    .filter(([name]) => name.startsWith('aws/codebuild/') && !name.endsWith('*') && !known.some((k) => k.name === name))
    .map(([name, localImage]): CuratedImage => ({ platform: name.includes('amazonlinux') ? 'AMAZON_LINUX' : 'UBUNTU', name, description: name, localImage }));
  return [...known, ...exact];
}
