namespace Junction.ApiServer;
