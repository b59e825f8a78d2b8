import type {
  BatchGetFleetsInput,
  BatchGetFleetsOutput,
  CreateFleetInput,
  CreateFleetOutput,
  DeleteFleetInput,
  DeleteFleetOutput,
  Fleet,
  ListFleetsInput,
  ListFleetsOutput,
  UpdateFleetInput,
  UpdateFleetOutput,
} from '@aws-sdk/client-codebuild';
import type { FleetRecord } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { AccountLimitExceededException, InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException } from './errors.js';
import { fleetArnOf, fleetView, newFleet, updatedFleet } from './fleet-input.js';
import { invalidNextToken } from './projects.js';

/** Finds a fleet of the caller's scope by ARN (or name), or throws ResourceNotFoundException (wording inferred). */
export function requireFleet(deps: CodeBuildDeps, ctx: RequestContext, arn: string): FleetRecord {
  const fleet = deps.fleets.getFleet(ctx, arn);
  if (!fleet) throw new ResourceNotFoundException(`Fleet ${arn} does not exist`);
  return fleet;
}

/** CreateFleet: validates and stores a fleet; it answers CREATING, and is ACTIVE from then on (nothing to provision here; inferred). */
export function createFleet(deps: CodeBuildDeps, input: HandlerInput<CreateFleetInput>, ctx: RequestContext): HandlerOutput<CreateFleetOutput> {
  const fleet = newFleet(ctx, input, deps.ids.uuid(), deps.clock.now());
  if (deps.fleets.getFleet(ctx, input.name)) throw new ResourceAlreadyExistsException(`Fleet already exists: ${input.name}`); // wording inferred
  if (deps.fleets.countFleets(ctx) >= limits.fleetsPerRegion) {
    throw new AccountLimitExceededException(`Cannot have more than ${limits.fleetsPerRegion} fleets in the account`); // wording inferred
  }
  if (!deps.fleets.createFleet(ctx, fleet)) throw new ResourceAlreadyExistsException(`Fleet already exists: ${input.name}`); // wording inferred
  return { fleet: fleetView(fleet, 'CREATING') };
}

/** UpdateFleet: replaces the members given and keeps the rest; it answers UPDATING, then the fleet is ACTIVE again (inferred). */
export function updateFleet(deps: CodeBuildDeps, input: HandlerInput<UpdateFleetInput>, ctx: RequestContext): HandlerOutput<UpdateFleetOutput> {
  const { arn, ...settings } = input;
  const fleet = updatedFleet(requireFleet(deps, ctx, arn), settings, deps.clock.now());
  if (!deps.fleets.updateFleet(fleet)) throw new ResourceNotFoundException(`Fleet ${arn} does not exist`); // wording inferred
  return { fleet: fleetView(fleet, 'UPDATING') };
}

/** DeleteFleet: removes a fleet no project uses; an unknown one is InvalidInputException, the only error AWS's model lists (wording inferred). */
export function deleteFleet(deps: CodeBuildDeps, input: HandlerInput<DeleteFleetInput>, ctx: RequestContext): HandlerOutput<DeleteFleetOutput> {
  const fleet = deps.fleets.getFleet(ctx, input.arn);
  if (!fleet) throw new InvalidInputException(`Fleet ${input.arn} does not exist`);
  const users = deps.store.listProjects(ctx).filter((p) => fleetArnOf(p.project.environment) === fleet.arn);
  if (users.length > 0) {
    // wording inferred: AWS refuses to delete a fleet that projects still name.
    throw new InvalidInputException(`Fleet ${fleet.arn} cannot be deleted while it is used by project(s): ${users.map((p) => p.project.name).join(', ')}`);
  }
  deps.fleets.deleteFleet(fleet.arn);
  return {};
}

/** BatchGetFleets: fleets by ARN or name, and those not found, as given. */
export function batchGetFleets(deps: CodeBuildDeps, input: HandlerInput<BatchGetFleetsInput>, ctx: RequestContext): HandlerOutput<BatchGetFleetsOutput> {
  const fleets: HandlerOutput<Fleet>[] = [];
  const fleetsNotFound: string[] = [];
  for (const name of input.names) {
    const fleet = deps.fleets.getFleet(ctx, name);
    if (fleet) fleets.push(fleetView(fleet));
    else fleetsNotFound.push(name);
  }
  return { ...(fleets.length > 0 ? { fleets } : {}), ...(fleetsNotFound.length > 0 ? { fleetsNotFound } : {}) };
}

const SORT_KEYS = {
  NAME: (f: FleetRecord) => f.name,
  CREATED_TIME: (f: FleetRecord) => f.createdMs,
  LAST_MODIFIED_TIME: (f: FleetRecord) => f.lastModifiedMs,
} as const;

/** ListFleets: fleet ARNs sorted by name (by default), creation or modification time, `maxResults` (100) a page. */
export function listFleets(deps: CodeBuildDeps, input: HandlerInput<ListFleetsInput>, ctx: RequestContext): HandlerOutput<ListFleetsOutput> {
  const key = SORT_KEYS[input.sortBy ?? 'NAME'];
  const sign = input.sortOrder === 'DESCENDING' ? -1 : 1;
  const sorted = deps.fleets.listFleets(ctx).sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return sign * (x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : 1);
  });
  const page = pageByOffset(sorted, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { ...(page.items.length > 0 ? { fleets: page.items.map((f) => f.arn) } : {}), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
