import { VocabularyService } from '../app/vocabulary/vocabulary';
import { vocabularyRoutes } from '../http/routes/vocabulary';
import { AppModule } from './modules';

/** Chinese labels of the codes the API returns, for the console. */
export const vocabularyModule: AppModule = {
  name: 'vocabulary',
  routes: ({ db, engine }) => vocabularyRoutes(new VocabularyService(db, engine)),
};
