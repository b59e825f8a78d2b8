import { documented } from './file-errors.js';

// The exceptions of the comment operations, with the CodeCommit API reference's descriptions as default messages.

/** CodeCommit's CommentContentRequiredException. */
export const CommentContentRequiredException = documented('CommentContentRequiredException', 'The comment is empty. You must provide some content for a comment. The content cannot be null.');
/** CodeCommit's CommentContentSizeLimitExceededException. */
export const CommentContentSizeLimitExceededException = documented('CommentContentSizeLimitExceededException', 'The comment is too large. Comments are limited to 10,240 characters.');
/** CodeCommit's InvalidFileLocationException. */
export const InvalidFileLocationException = documented('InvalidFileLocationException', 'The location of the file is not valid. Make sure that you include the file name and extension.');
/** CodeCommit's InvalidRelativeFileVersionEnumException. */
export const InvalidRelativeFileVersionEnumException = documented('InvalidRelativeFileVersionEnumException', 'Either the enum is not in a valid format, or the specified file version enum is not valid in respect to the current file version.');
/** CodeCommit's InvalidFilePositionException. */
export const InvalidFilePositionException = documented('InvalidFilePositionException', 'The position is not valid. Make sure that the line number exists in the version of the file you want to comment on.');
/** CodeCommit's BeforeCommitIdAndAfterCommitIdAreSameException. */
export const BeforeCommitIdAndAfterCommitIdAreSameException = documented('BeforeCommitIdAndAfterCommitIdAreSameException', 'The before commit ID and the after commit ID are the same, which is not valid. The before commit ID and the after commit ID must be different commit IDs.');
/** CodeCommit's CommentDoesNotExistException. */
export const CommentDoesNotExistException = documented('CommentDoesNotExistException', 'No comment exists with the provided ID. Verify that you have used the correct ID, and then try again.');
/** CodeCommit's CommentDeletedException. */
export const CommentDeletedException = documented('CommentDeletedException', 'This comment has already been deleted. You cannot edit or delete a deleted comment.');
/** CodeCommit's CommentIdRequiredException. */
export const CommentIdRequiredException = documented('CommentIdRequiredException', 'The comment ID is missing or null. A comment ID is required.');
/** CodeCommit's InvalidCommentIdException. */
export const InvalidCommentIdException = documented('InvalidCommentIdException', 'The comment ID is not in a valid format. Make sure that you have provided the full comment ID.');
/** CodeCommit's CommentNotCreatedByCallerException. */
export const CommentNotCreatedByCallerException = documented('CommentNotCreatedByCallerException', 'You cannot modify or delete this comment. Only comment authors can modify or delete their comments.');
/** CodeCommit's InvalidReactionValueException. */
export const InvalidReactionValueException = documented('InvalidReactionValueException', 'The value of the reaction is not valid. For more information, see the CodeCommit User Guide.');
/** CodeCommit's ReactionValueRequiredException. */
export const ReactionValueRequiredException = documented('ReactionValueRequiredException', 'A reaction value is required.');
/** CodeCommit's ReactionLimitExceededException. */
export const ReactionLimitExceededException = documented('ReactionLimitExceededException', 'The number of reactions has been exceeded. Reactions are limited to one reaction per user for each individual comment ID.');
/** CodeCommit's InvalidReactionUserArnException. */
export const InvalidReactionUserArnException = documented('InvalidReactionUserArnException', 'The Amazon Resource Name (ARN) of the user or identity is not valid.');
